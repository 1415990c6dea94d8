// The card photo: its thumbnail fetched with the token, a wrong file refused before any upload,
// a dropped image sent as a GraphQL multipart request with progress, the service's refusal shown.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { CardPhoto } from './CardPhoto';
import { checkCardPhoto } from './cardPhotoCheck';

const PHOTO = { id: 'f1', filename: 'card.png', contentType: 'image/png', downloadPath: '/attachments/f1' };

/** XMLHttpRequest as the browser's, answering the upload with `answer`; keeps what was sent. */
function fakeXhr(answer: unknown) {
  const sent: FormData[] = [];
  class Fake {
    upload = { onprogress: null as ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 200;
    responseText = JSON.stringify(answer);
    open() {}
    setRequestHeader() {}
    send(body: FormData) {
      sent.push(body);
      this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 2 });
      setTimeout(() => this.onload?.(), 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', Fake);
  return sent;
}

function show(language: 'en' | 'zh-TW', photo: typeof PHOTO | null, onUploaded = vi.fn()) {
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <CardPhoto contactId="c1" name="陳怡君" photo={photo} editable onUploaded={onUploaded} />
    </I18nextProvider>,
  );
  return onUploaded;
}

function drop(target: HTMLElement, file: File) {
  fireEvent.drop(target, { dataTransfer: { files: [file] } });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a contact card photo', () => {
  it('refuses a file that is not an image, or too large, before sending it', () => {
    expect(checkCardPhoto({ name: 'card.pdf', type: 'application/pdf', size: 10 })).toBe('NOT_AN_IMAGE');
    expect(checkCardPhoto({ name: 'card.jpg', type: 'image/jpeg', size: 21 * 1024 * 1024 })).toBe('FILE_TOO_LARGE');
    expect(checkCardPhoto({ name: 'card.heic', type: '', size: 10 })).toBeNull();
    expect(checkCardPhoto({ name: 'card.jpg', type: 'image/jpeg', size: 0 })).toBe('EMPTY_FILE');

    const sent = fakeXhr({});
    show('zh-TW', null);
    drop(screen.getByText(/陳怡君 的名片照片：將圖片拖放到這裡/), new File(['%PDF'], 'quote.pdf', { type: 'application/pdf' }));
    expect(screen.getByRole('alert').textContent).toBe('quote.pdf 不是照片：請選擇 JPEG、PNG、GIF、WebP 或 HEIC 圖片。');
    expect(sent).toHaveLength(0);
  });

  it('uploads a dropped image as a multipart request and says when it is kept', async () => {
    const sent = fakeXhr({ data: { attachContactCard: { id: 'c1' } } });
    const onUploaded = show('en', null);
    drop(screen.getByText(/Business card photo of 陳怡君: drop an image here/), new File(['png'], 'card.png', { type: 'image/png' }));
    await waitFor(() => expect(onUploaded).toHaveBeenCalled());
    const operations = JSON.parse(String(sent[0]!.get('operations'))) as { query: string; variables: Record<string, unknown> };
    expect(operations.query).toContain('attachContactCard');
    expect(operations.variables).toEqual({ contactId: 'c1', file: null });
    expect(JSON.parse(String(sent[0]!.get('map')))).toEqual({ 0: ['variables.file'] });
    expect((sent[0]!.get('0') as File).name).toBe('card.png');
  });

  it("shows the service's refusal in the user's language", async () => {
    fakeXhr({ errors: [{ message: 'A business card is kept as a photo', extensions: { code: 'NOT_AN_IMAGE' } }] });
    const onUploaded = show('en', null);
    drop(screen.getByText(/Business card photo of 陳怡君/), new File(['x'], 'card.png', { type: 'image/png' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('A business card is kept as a photo: choose an image file.'));
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('shows the thumbnail fetched with the token, which opens the full photo', async () => {
    const fetch = vi.fn(async (_path: string, _init?: RequestInit) => new Response('png', { headers: { 'content-type': 'image/png' } }));
    vi.stubGlobal('fetch', fetch);
    URL.createObjectURL = vi.fn(() => 'blob:card');
    URL.revokeObjectURL = vi.fn();
    show('en', PHOTO);
    const open = await screen.findByRole('button', { name: 'Open the business card of 陳怡君' });
    expect(fetch).toHaveBeenCalledWith('/attachments/f1', expect.anything());
    expect(screen.getByText(/Replace the business card photo of 陳怡君/)).toBeTruthy();
    fireEvent.click(open);
    expect(screen.getByAltText('Business card of 陳怡君').getAttribute('src')).toBe('blob:card');
  });
});
