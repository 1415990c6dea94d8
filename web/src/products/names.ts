// A product's name in the reader's language, the other language's when that one is missing.
export function productName(product: { code: string; nameZh?: string | null; nameEn?: string | null }, locale: string): string {
  const [first, second] = locale.startsWith('zh') ? [product.nameZh, product.nameEn] : [product.nameEn, product.nameZh];
  return first || second || product.code;
}
