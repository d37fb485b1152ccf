// Every WhatsApp message kind, rendered as text and plain elements. Customer content is only ever
// a React text child or an attribute of a media element: never HTML.
import type { Message } from '@parley/sync';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const rec = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Only http(s) and same-origin URLs become links or media sources (no `javascript:` or `data:`). */
export function safeUrl(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  try {
    const u = new URL(s, location.origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Where the file can be fetched: Parley's own media URL once the worker stored it. */
function mediaState(m: Message): { url: string | null; failed: boolean } {
  const media = rec(m.body['media']);
  const url = safeUrl(media?.['url']);
  const status = str(media?.['status']);
  return { url, failed: !url && (status === 'failed' || status === 'unavailable') };
}

function MediaMissing({ m, what }: { m: Message; what: string }) {
  const { failed } = mediaState(m);
  const recent = Date.now() - Date.parse(m.createdAt) < 10 * 60_000;
  return (
    <div className="media-missing" role="note">
      {failed || !recent ? `${what} unavailable` : `${what} loading…`}
    </div>
  );
}

function Caption({ text }: { text: string | null }) {
  return text ? (
    <p className="msg-text" dir="auto">
      {text}
    </p>
  ) : null;
}

export function MessageBody({ message: m }: { message: Message }) {
  const b = m.body;
  switch (m.kind) {
    case 'text':
      return (
        <p className="msg-text" dir="auto">
          {str(b['body']) ?? ''}
        </p>
      );
    case 'image':
    case 'sticker': {
      const { url } = mediaState(m);
      return (
        <>
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer" className="media-link">
              <img
                className={m.kind === 'sticker' ? 'media-sticker' : 'media-img'}
                src={url}
                alt={str(b['caption']) ?? (m.kind === 'sticker' ? 'Sticker' : 'Image from the customer')}
                loading="lazy"
              />
            </a>
          ) : (
            <MediaMissing m={m} what={m.kind === 'sticker' ? 'Sticker' : 'Image'} />
          )}
          <Caption text={str(b['caption'])} />
        </>
      );
    }
    case 'video': {
      const { url } = mediaState(m);
      return (
        <>
          {url ? (
            // biome-ignore lint/a11y/useMediaCaption: customer videos come without caption tracks
            <video className="media-img" src={url} controls preload="metadata" />
          ) : (
            <MediaMissing m={m} what="Video" />
          )}
          <Caption text={str(b['caption'])} />
        </>
      );
    }
    case 'audio': {
      const { url } = mediaState(m);
      return url ? (
        <div className="media-audio">
          {b['voice'] ? <span className="media-tag">Voice message</span> : null}
          {/* biome-ignore lint/a11y/useMediaCaption: voice notes have no caption tracks */}
          <audio src={url} controls preload="metadata" />
        </div>
      ) : (
        <MediaMissing m={m} what={b['voice'] ? 'Voice message' : 'Audio'} />
      );
    }
    case 'document': {
      const { url } = mediaState(m);
      const name = str(b['filename']) ?? 'Document';
      return (
        <>
          {url ? (
            <a className="doc" href={url} target="_blank" rel="noopener noreferrer" download={name}>
              <span aria-hidden="true">📄</span> {name}
            </a>
          ) : (
            <div className="doc doc-missing">
              <span aria-hidden="true">📄</span> {name} <MediaMissing m={m} what="File" />
            </div>
          )}
          <Caption text={str(b['caption'])} />
        </>
      );
    }
    case 'location':
      return <LocationBody b={b} />;
    case 'contacts':
      return <ContactsBody b={b} />;
    case 'interactive':
      return (
        <div className="interactive">
          <span className="media-tag">
            {b['interactiveType'] === 'list_reply' ? 'List choice' : 'Button reply'}
          </span>
          <p className="msg-text" dir="auto">
            {str(b['title']) ?? '(a form response)'}
          </p>
          {str(b['description']) && <p className="msg-sub">{str(b['description'])}</p>}
        </div>
      );
    case 'button':
      return (
        <div className="interactive">
          <span className="media-tag">Button</span>
          <p className="msg-text" dir="auto">
            {str(b['text']) ?? ''}
          </p>
        </div>
      );
    case 'reaction':
      return (
        <p className="msg-sub">
          Reacted {str(b['emoji']) ?? '(removed a reaction)'} to a message not loaded here
        </p>
      );
    case 'template':
      return (
        <div className="interactive">
          <span className="media-tag">Template {str(b['name']) ?? ''}</span>
          <p className="msg-text" dir="auto">
            {str(b['text']) ?? str(b['body']) ?? ''}
          </p>
        </div>
      );
    case 'order':
      return (
        <div className="interactive">
          <span className="media-tag">Order</span>
          <p className="msg-text" dir="auto">
            {str(b['text']) ?? `${Array.isArray(b['items']) ? b['items'].length : 0} items`}
          </p>
        </div>
      );
    case 'system':
      return <p className="msg-sub">{str(b['body']) ?? str(b['text']) ?? 'System message'}</p>;
    case 'unsupported':
      return (
        <p className="msg-unsupported">
          This message type is not supported by WhatsApp Cloud API
          {str(b['unsupportedType']) ? ` (${str(b['unsupportedType'])})` : ''}. Ask the customer to send it
          another way.
        </p>
      );
    default:
      return (
        <p className="msg-unsupported">
          Parley cannot show this message yet ({str(b['originalType']) ?? m.kind}). It is kept.
        </p>
      );
  }
}

function LocationBody({ b }: { b: Record<string, unknown> }) {
  const lat = num(b['latitude']);
  const lng = num(b['longitude']);
  const map =
    lat !== null && lng !== null
      ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}`
      : null;
  return (
    <div className="location">
      <span aria-hidden="true">📍</span>
      <div>
        {str(b['name']) && (
          <p className="msg-text" dir="auto">
            {str(b['name'])}
          </p>
        )}
        {str(b['address']) && <p className="msg-sub">{str(b['address'])}</p>}
        <p className="msg-sub mono">
          {lat ?? '?'}, {lng ?? '?'}
        </p>
        {map && (
          <a href={map} target="_blank" rel="noopener noreferrer">
            Open map
          </a>
        )}
      </div>
    </div>
  );
}

function ContactsBody({ b }: { b: Record<string, unknown> }) {
  const cards = Array.isArray(b['contacts']) ? b['contacts'] : [];
  return (
    <ul className="cards">
      {cards.map((raw, i) => {
        const c = rec(raw) ?? {};
        const phones = Array.isArray(c['phones']) ? c['phones'].map(rec) : [];
        return (
          <li key={i} className="card">
            <span aria-hidden="true">👤</span>
            <div>
              <p className="msg-text" dir="auto">
                {str(c['formattedName']) ?? 'Contact'}
              </p>
              {phones.map((p, j) => (
                <p key={j} className="msg-sub mono">
                  {str(p?.['phone']) ?? str(p?.['waId']) ?? ''}
                </p>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
