import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

// Posts a form action with XMLHttpRequest rather than fetch: only XHR reports upload
// progress, which a 50,000-row file needs. The answer is SvelteKit's action result, as
// use:enhance would receive it.

export type Phase = { stage: 'upload'; share: number } | { stage: 'server' };

export function postAction(
  url: string,
  body: FormData,
  onPhase: (phase: Phase) => void
): Promise<ActionResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-sveltekit-action', 'true');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onPhase({ stage: 'upload', share: e.loaded / e.total });
    };
    // The body is sent: what remains is the server reading, checking and storing.
    xhr.upload.onload = () => onPhase({ stage: 'server' });
    xhr.onload = () => {
      try {
        resolve(deserialize(xhr.responseText));
      } catch {
        reject(
          new Error(
            xhr.status === 413 ? '文件太大，超过服务器允许的上传大小' : `服务器返回了错误（${xhr.status}）`
          )
        );
      }
    };
    xhr.onerror = () => reject(new Error('网络连接中断，文件未导入；请检查网络后重试'));
    xhr.send(body);
  });
}
