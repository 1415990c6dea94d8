// GraphQL multipart requests (files), sent with XMLHttpRequest so the user sees upload progress.
import { accessToken } from '../auth/session';

export interface UploadResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

export function uploadFiles<T>(
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>,
  onProgress?: (fraction: number) => void,
): Promise<UploadResult<T>> {
  const form = new FormData();
  const paths = Object.keys(files);
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [path]]))));
  paths.forEach((path, i) => form.append(String(i), files[path] as File));
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/graphql');
    const token = accessToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as UploadResult<T>);
      } catch {
        reject(new Error(`upload: ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error('upload: network'));
    request.send(form);
  });
}

export const ATTACH_FILES =
  'mutation AttachFiles($activityId: ID!, $files: [Upload!]!) { attachFiles(activityId: $activityId, files: $files) { id filename contentType size downloadPath } }';

/** A protected file (attachments need the bearer token), as an object URL for <img> or a link. */
export async function fileUrl(path: string): Promise<string> {
  const token = accessToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`download: ${response.status}`);
  return URL.createObjectURL(await response.blob());
}
