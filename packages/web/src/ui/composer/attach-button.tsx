// Attachments: upload the file (POST /api/v1/media), then send it as the WhatsApp kind its type
// allows. The message comes back through the sync log like any other.
import type { Conversation } from '@parley/sync';
import { useRef, useState } from 'react';
import { useApp } from '../../state/app-context.ts';

export type MediaKind = 'image' | 'video' | 'audio' | 'sticker' | 'document';

/** WhatsApp's kinds by MIME type: images are JPEG/PNG, WebP goes as a sticker, the rest as a document. */
export function mediaKind(mime: string): MediaKind {
  const m = mime.toLowerCase();
  if (m === 'image/jpeg' || m === 'image/png') return 'image';
  if (m === 'image/webp') return 'sticker';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  return 'document';
}

export function AttachButton({
  conversation: c,
  disabled,
}: {
  conversation: Conversation;
  disabled: boolean;
}) {
  const { api } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const send = async (file: File) => {
    setState({ busy: true, error: null });
    const up = await api.upload<{ media: { id: string } }>('/api/v1/media', file);
    if (!up.ok) {
      setState({ busy: false, error: `Not uploaded: ${up.message}` });
      return;
    }
    const kind = mediaKind(file.type);
    const body: Record<string, unknown> = { mediaId: up.data.media.id };
    if (kind === 'document') body['filename'] = file.name;
    const res = await api.call('POST', `/api/v1/conversations/${c.id}/messages`, {
      clientId: crypto.randomUUID(),
      kind,
      body,
    });
    setState({ busy: false, error: res.ok ? null : `Not sent: ${res.message}` });
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void send(f);
        }}
      />
      <button
        type="button"
        className="btn btn-ghost attach"
        disabled={disabled || state.busy}
        onClick={() => input.current?.click()}
        title="Attach a file"
      >
        <span aria-hidden="true">📎</span>
        <span className="sr-only">Attach a file</span>
      </button>
      {state.error && (
        <p className="form-error attach-error" role="alert">
          {state.error}
        </p>
      )}
    </>
  );
}
