import { describe, expect, it } from 'vitest';

import { initI18n } from '../i18n';
import { describeEntry } from './timeline';

const stages = [
  { key: 'validate', nameZh: '驗證機會', nameEn: 'Validate' },
  { key: 'needs_analysis', nameZh: '需求分析', nameEn: 'Needs analysis' },
];

describe('timeline entries', () => {
  it('says a stage move with the stages’ names in the chosen language', async () => {
    const i18n = initI18n('zh-TW');
    await i18n.changeLanguage('zh-TW');
    const move = { kind: 'STAGE_MOVE', summary: 'Moved from Validate to Needs analysis', dataJson: '{"from":"validate","to":"needs_analysis","note":null}' };
    expect(describeEntry(move, stages, null, i18n.t, 'zh-TW')).toBe('從「驗證機會」移到「需求分析」');
    await i18n.changeLanguage('en');
    expect(describeEntry(move, stages, null, i18n.t, 'en')).toBe('Moved from Validate to Needs analysis');
  });

  it('says a close-date change with both dates and its reason', async () => {
    const i18n = initI18n('en');
    await i18n.changeLanguage('en');
    const change = { kind: 'CLOSE_DATE', summary: '', dataJson: '{"old":"2026-06-01","new":"2026-07-15","reason":"Budget next quarter"}' };
    expect(describeEntry(change, stages, null, i18n.t, 'en')).toBe('Close date Jun 1, 2026 → Jul 15, 2026 (Budget next quarter)');
  });

  it('says a merge moved the customer or a person, in both languages', async () => {
    const i18n = initI18n('zh-TW');
    await i18n.changeLanguage('zh-TW');
    const merged = { kind: 'ACCOUNT', summary: 'Account merged into Acme', dataJson: '{"from":"a2","to":"a1","reason":"MERGED","mergedFrom":"a2"}' };
    expect(describeEntry(merged, stages, null, i18n.t, 'zh-TW')).toBe('客戶已合併至另一筆資料');
    await i18n.changeLanguage('en');
    const contact = { ...merged, dataJson: '{"from":"a1","to":"a1","reason":"CONTACT_MERGED","mergedFrom":"c2"}' };
    expect(describeEntry(contact, stages, null, i18n.t, 'en')).toBe('A contact merged into another record');
    const unknown = { ...merged, dataJson: '{"reason":"SOMETHING_NEW"}' };
    expect(describeEntry(unknown, stages, null, i18n.t, 'en')).toBe('Account merged into Acme');
  });

  it('keeps the API’s summary for what it cannot read', () => {
    const i18n = initI18n('en');
    expect(describeEntry({ kind: 'CREATED', summary: 'Created in Validate', dataJson: 'not json' }, stages, null, i18n.t, 'en')).toBe('Created in Validate');
  });
});
