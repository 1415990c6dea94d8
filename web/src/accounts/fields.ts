// Reading the account and contact forms: an emptied text clears the field (the API keeps what
// is left out, and clears what is sent empty); lists are typed one per line or comma-separated.

export function textOf(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

export function listOf(form: FormData, name: string): string[] {
  return textOf(form, name)
    .split(/[\n,;，；、]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}
