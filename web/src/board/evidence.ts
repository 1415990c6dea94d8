// What a stage's evidence rule asks of the user, as form fields.
import type { ActivityKind } from '../gql/graphql';

export interface MissingEvidence {
  kind: ActivityKind;
  anyOf: string[];
  description: string;
}

/** Fields each kind must carry whatever the rule says (the opportunity service's rules). */
const REQUIRED: Partial<Record<ActivityKind, string[]>> = {
  SAMPLE_SENT: ['courier'],
  QUOTE: ['amount', 'currency', 'validUntil'],
};

export const FILE_FIELDS = new Set(['attachment', 'photo']);

export function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The fields to show for a requirement, in the API's spelling: the kind's required ones, then
 * those of the rule (older rules spell them with underscores). */
export function fieldsFor(requirement: MissingEvidence): string[] {
  const fields = [...(REQUIRED[requirement.kind] ?? []), ...requirement.anyOf.map(camel)];
  return [...new Set(fields)];
}

export function missingFrom(details: Record<string, unknown> | undefined): MissingEvidence[] {
  const missing = details?.missing;
  return Array.isArray(missing) ? (missing as MissingEvidence[]) : [];
}

/** The stage whose evidence is missing: a move past several stages is refused at the first one
 * short of its evidence, which need not be the stage the deal is in. */
export function gatedStageFrom(details: Record<string, unknown> | undefined, current: string): string {
  const stage = details?.stageKey ?? details?.stage;
  return typeof stage === 'string' ? stage : current;
}
