// A timeline entry in the user's language, from its data (the API's summary is English).
import { stageName } from '../board/columns';
import type { MessageKey } from '../i18n/en';
import { formatDate } from '../lib/format';

type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

export interface Entry {
  kind: string;
  summary: string;
  dataJson: string;
}

interface StageNames {
  key: string;
  nameZh: string;
  nameEn: string;
}

export function describeEntry(
  entry: Entry,
  stages: readonly StageNames[],
  activityText: (string | null)[] | null,
  t: Translate,
  locale: string,
): string {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(entry.dataJson) as Record<string, unknown>;
  } catch {
    return entry.summary;
  }
  const stage = (key: unknown) => {
    const found = stages.find((s) => s.key === key);
    return found ? stageName(found, locale) : String(key ?? '');
  };
  const date = (value: unknown) => (typeof value === 'string' ? formatDate(value, locale) : '—');
  switch (entry.kind) {
    case 'STAGE_MOVE':
      return t('timeline.moved', { from: stage(data.from), to: stage(data.to) });
    case 'CLOSE_DATE':
      return t('timeline.closeDate', { old: date(data.old), new: date(data.new), reason: data.reason || 'none' });
    case 'PROBABILITY':
      return data.after == null ? t('timeline.overrideCleared') : t('timeline.overrideSet', { value: data.after });
    case 'ASSIGNMENT':
      return t(`timeline.assigned.${String(data.reason ?? 'MANUAL')}` as MessageKey);
    case 'ACTIVITY': {
      const kind = t(`activity.${String(data.kind ?? 'OTHER')}` as MessageKey);
      const text = activityText?.filter(Boolean).join(' ') ?? '';
      return text ? `${kind}: ${text}` : kind;
    }
    case 'ACCOUNT': {
      // Why the deal's customer or people changed: linked, migrated, or moved by a merge.
      const reason = String(data.reason ?? 'LINKED');
      const known = ['LINKED', 'CREATED', 'MIGRATED', 'MERGED', 'CONTACT_MERGED'];
      return known.includes(reason) ? t(`timeline.account.${reason}` as MessageKey) : entry.summary;
    }
    default:
      return entry.summary;
  }
}
