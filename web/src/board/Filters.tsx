import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import type { Role } from '../gql/graphql';
import type { BoardFilter } from './columns';
import { FilterOptionsQuery } from './operations';

interface Props {
  filter: BoardFilter;
  role: Role;
  onChange: (filter: BoardFilter) => void;
}

export function Filters({ filter, role, onChange }: Props) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: FilterOptionsQuery });
  const oversees = role !== 'REP';
  const teams = [...new Set((data?.users ?? []).map((u) => u.team).filter((team): team is string => !!team))];
  const set = (change: Partial<BoardFilter>) => onChange({ ...filter, ...change });
  return (
    <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label>
        {t('filter.search')}
        <input
          type="search"
          value={filter.search ?? ''}
          onChange={(event) => set({ search: event.target.value || undefined })}
        />
      </label>
      {oversees && (
        <label>
          {t('filter.owner')}
          <select value={filter.ownerId ?? ''} onChange={(event) => set({ ownerId: event.target.value || undefined })}>
            <option value="">{t('filter.anyone')}</option>
            {(data?.users ?? [])
              .filter((u) => u.role === 'REP' || u.role === 'MANAGER')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </label>
      )}
      {oversees && teams.length > 0 && (
        <label>
          {t('filter.team')}
          <select value={filter.team ?? ''} onChange={(event) => set({ team: event.target.value || undefined })}>
            <option value="">{t('filter.anyTeam')}</option>
            {teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('filter.source')}
        <select value={filter.sourceId ?? ''} onChange={(event) => set({ sourceId: event.target.value || undefined })}>
          <option value="">{t('filter.anySource')}</option>
          {(data?.sources ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.closingWithin')}
        <input
          type="number"
          min={0}
          max={365}
          inputMode="numeric"
          value={filter.closingWithinDays ?? ''}
          onChange={(event) =>
            set({ closingWithinDays: event.target.value === '' ? undefined : Number(event.target.value) })
          }
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filter.overdue ?? false}
          onChange={(event) => set({ overdue: event.target.checked || undefined })}
        />
        {t('filter.overdueOnly')}
      </label>
      <button type="button" onClick={() => onChange({})}>
        {t('filter.clear')}
      </button>
    </form>
  );
}
