// What the console checks before sending a business-card photo, so a wrong file is named at once;
// the service checks the bytes again and its refusal (NOT_AN_IMAGE, FILE_TOO_LARGE) is shown too.

/** The image types the service keeps (it sniffs the bytes: the name alone does not decide). */
export const CARD_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic'] as const;
const EXTENSIONS = /\.(jpe?g|png|gif|webp|heic|heif)$/i;

/** The service's default limit for a stored file. */
export const CARD_PHOTO_MAX_BYTES = 20 * 1024 * 1024;

export type CardPhotoProblem = 'EMPTY_FILE' | 'NOT_AN_IMAGE' | 'FILE_TOO_LARGE' | null;

export function checkCardPhoto(file: { name: string; type: string; size: number }): CardPhotoProblem {
  if (file.size === 0) return 'EMPTY_FILE';
  const image = file.type ? (CARD_PHOTO_TYPES as readonly string[]).includes(file.type) : EXTENSIONS.test(file.name);
  if (!image) return 'NOT_AN_IMAGE';
  if (file.size > CARD_PHOTO_MAX_BYTES) return 'FILE_TOO_LARGE';
  return null;
}

export const ATTACH_CONTACT_CARD =
  'mutation AttachContactCard($contactId: ID!, $file: Upload!) { attachContactCard(contactId: $contactId, file: $file) { id version cardPhoto { id filename contentType downloadPath } } }';
