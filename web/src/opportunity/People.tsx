// A deal's people: the contacts of its account it involves, each with their part in it.
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { ContactDetails } from '../accounts/ContactDetails';
import type { ContactRole } from '../gql/graphql';
import { AccountContactsQuery } from './operations';

interface Props {
  accountId: string;
  links: readonly { contactId: string; role: ContactRole }[];
}

export function People({ accountId, links }: Props) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: AccountContactsQuery, variables: { accountId } });
  const contacts = data?.contacts.nodes ?? [];
  const people = links.flatMap((link) => {
    const contact = contacts.find((c) => c.id === link.contactId);
    return contact ? [{ contact, role: link.role }] : [];
  });
  if (people.length === 0) return null;
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('opportunity.people')}</h2>
      <ul className="contacts">
        {people.map(({ contact, role }) => (
          <ContactDetails key={contact.id} contact={contact} role={role} />
        ))}
      </ul>
    </section>
  );
}
