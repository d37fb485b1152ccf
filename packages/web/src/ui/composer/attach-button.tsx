// Attachments: upload the file (POST /api/v1/media), then send it as the WhatsApp kind its type
// allows. The message comes back through the sync log like any other.
import type { Conversation } from '@parley/sync';
import { useRef, useState } from 'react';
import type { paths } from '../../lib/api-schema.d.ts';
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

type SendBody = NonNullable<
  paths['/api/v1/conversations/{id}/messages']['post']['requestBody']
>['content']['application/json'];

/** The send request for an uploaded file: documents keep their name; a caption goes where allowed. */
export function mediaMessage(kind: MediaKind, mediaId: string, filename: string, caption: string): SendBody {
  const clientId = crypto.randomUUID();
  const withCaption = caption.trim() ? { caption: caption.trim() } : {};
  switch (kind) {
    case 'document':
      return { clientId, kind, body: { mediaId, filename, ...withCaption } };
    case 'image':
    case 'video':
      return { clientId, kind, body: { mediaId, ...withCaption } };
    default:
      return { clientId, kind, body: { mediaId } };
  }
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
  const [chosen, setChosen] = useState<{ file: File; url: string | null } | null>(null);
  const [caption, setCaption] = useState('');

  const choose = (file: File) => {
    const kind = mediaKind(file.type);
    setCaption('');
    setChosen({ file, url: kind === 'image' || kind === 'sticker' ? URL.createObjectURL(file) : null });
  };
  const cancel = () => {
    if (chosen?.url) URL.revokeObjectURL(chosen.url);
    setChosen(null);
  };

  const send = async () => {
    if (!chosen) return;
    const { file } = chosen;
    setState({ busy: true, error: null });
    const up = await api.upload(file);
    if (!up.ok) {
      setState({ busy: false, error: `Not uploaded: ${up.message}` });
      return;
    }
    const res = await api.run(
      api.http.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id: c.id } },
        body: mediaMessage(mediaKind(file.type), up.data.media.id, file.name, caption),
      }),
    );
    setState({ busy: false, error: res.ok ? null : `Not sent: ${res.message}` });
    if (res.ok) cancel();
  };

  const kind = chosen ? mediaKind(chosen.file.type) : null;
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
          if (f) choose(f);
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
      {chosen && (
        <div className="attach-preview" role="dialog" aria-label="Send a file" data-testid="attach-preview">
          {chosen.url ? (
            <img src={chosen.url} alt={chosen.file.name} className="attach-thumb" />
          ) : (
            <span className="attach-file">📄 {chosen.file.name}</span>
          )}
          {kind !== 'audio' && kind !== 'sticker' && (
            <input
              aria-label="Caption"
              placeholder="Add a caption…"
              value={caption}
              maxLength={1024}
              onChange={(e) => setCaption(e.target.value)}
            />
          )}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={state.busy}
            onClick={() => void send()}
          >
            {state.busy ? 'Sending…' : 'Send file'}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.error && (
        <p className="form-error attach-error" role="alert">
          {state.error}
        </p>
      )}
    </>
  );
}
