// The page Parley serves until the dashboard (packages/web) is built: log in, then watch messages
// arrive live. Customer text is only ever set through textContent.
export const MINIMAL_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
[hidden]{display:none!important}
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:#12372a;color:#fff;padding:12px 20px;display:flex;justify-content:space-between}
main{max-width:760px;margin:24px auto;padding:0 16px}
form{background:#fff;padding:20px;border-radius:8px;display:grid;gap:10px;max-width:340px}
input,button{font:inherit;padding:8px}button{background:#12372a;color:#fff;border:0;border-radius:6px}
#log li{background:#fff;margin:6px 0;padding:10px 14px;border-radius:8px;list-style:none}
#log small{color:#667}#status{font-size:13px}
</style></head>
<body><header><strong>Parley</strong><span id="status">offline</span></header>
<main>
<form id="login"><h2>Log in</h2><input id="email" type="email" placeholder="email" required autocomplete="username">
<input id="password" type="password" placeholder="password" required autocomplete="current-password"><button>Log in</button><p id="err" role="alert"></p></form>
<section id="inbox" hidden><h2>Messages</h2><ul id="log" aria-live="polite"></ul></section>
</main>
<script src="/realtime/socket.io.js"></script>
<script>
const $ = (id) => document.getElementById(id);
const seen = new Set();
function show(m, who) {
  if (seen.has(m.id)) return; seen.add(m.id);
  const li = document.createElement('li'); li.dataset.messageId = m.id;
  const meta = document.createElement('small');
  meta.textContent = (who || (m.direction === 'in' ? 'customer' : 'agent')) + ' · ' + m.kind + ' · ' + new Date(m.createdAt).toLocaleTimeString();
  const text = document.createElement('div');
  text.className = 'text';
  text.textContent = m.body && typeof m.body.body === 'string' ? m.body.body : (m.body && m.body.caption) || '[' + m.kind + ']';
  li.append(meta, text); $('log').prepend(li);
}
async function start() {
  const me = await fetch('/api/v1/me'); if (!me.ok) return;
  $('login').hidden = true; $('inbox').hidden = false;
  const list = await (await fetch('/api/v1/conversations?limit=20')).json();
  for (const c of list.items.reverse()) {
    const thread = await (await fetch('/api/v1/conversations/' + c.id + '/messages?limit=20')).json();
    for (const it of thread.items) if (it.itemType === 'message') show(it, c.contact.name);
  }
  const socket = io({ path: '/realtime' });
  socket.on('connect', () => $('status').textContent = 'live');
  socket.on('disconnect', () => $('status').textContent = 'reconnecting');
  socket.on('event', (e) => { if (e.type === 'message.created') show({ ...e.data, id: e.entityId }); });
}
$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const r = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: $('email').value, password: $('password').value }) });
  if (!r.ok) { $('err').textContent = (await r.json()).error.message; return; }
  start();
});
start();
</script></body></html>`;
