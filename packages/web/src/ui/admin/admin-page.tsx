// Settings for owners and admins: agents, teams, channels, canned responses, labels, scheduling.
import { type AdminSection, navigate } from '../../lib/router.ts';
import { useApp } from '../../state/app-context.ts';
import { isAdmin } from '../../state/session.ts';
import { AgentsAdmin } from './agents-admin.tsx';
import { ChannelsAdmin } from './channels-admin.tsx';
import { SchedulingAdmin } from './scheduling-admin.tsx';
import { SimpleListAdmin } from './simple-list-admin.tsx';
import { TeamsAdmin } from './teams-admin.tsx';

const SECTIONS: { id: AdminSection; label: string }[] = [
  { id: 'agents', label: 'Agents' },
  { id: 'teams', label: 'Teams' },
  { id: 'channels', label: 'Channels' },
  { id: 'canned', label: 'Canned responses' },
  { id: 'labels', label: 'Labels' },
  { id: 'scheduling', label: 'Scheduling' },
];

export function AdminPage({ section }: { section: AdminSection }) {
  const { session } = useApp();
  if (!isAdmin(session.agent))
    return (
      <main className="admin">
        <p className="banner banner-warn">Only owners and admins can change settings.</p>
      </main>
    );
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Settings">
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={`/app/admin/${s.id}`}
            aria-current={s.id === section ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/app/admin/${s.id}`);
            }}
          >
            {s.label}
          </a>
        ))}
      </nav>
      <main className="admin-main">
        {section === 'agents' && <AgentsAdmin />}
        {section === 'teams' && <TeamsAdmin />}
        {section === 'channels' && <ChannelsAdmin />}
        {section === 'scheduling' && <SchedulingAdmin />}
        {section === 'canned' && (
          <SimpleListAdmin
            title="Canned responses"
            calls={{
              load: (api) => api.run(api.http.GET('/api/v1/canned-responses')),
              create: (api, f) =>
                api.run(
                  api.http.POST('/api/v1/canned-responses', {
                    body: { shortcode: f['shortcode'] ?? '', body: f['body'] ?? '' },
                  }),
                ),
              remove: (api, id) =>
                api.run(api.http.DELETE('/api/v1/canned-responses/{id}', { params: { path: { id } } })),
            }}
            fields={[
              { name: 'shortcode', label: 'Shortcode', placeholder: 'greeting' },
              { name: 'body', label: 'Text', placeholder: 'Hello! How can we help?', long: true },
            ]}
            columns={(r) => [`/${r.shortcode}`, r.body]}
          />
        )}
        {section === 'labels' && (
          <SimpleListAdmin
            title="Labels"
            calls={{
              load: async (api) => {
                const res = await api.run(api.http.GET('/api/v1/labels'));
                return res.ok
                  ? { ...res, data: { items: res.data.labels.filter((l) => l.inCatalogue) } }
                  : res;
              },
              create: (api, f) =>
                api.run(api.http.POST('/api/v1/labels', { body: { name: f['name'] ?? '' } })),
              remove: (api, id) =>
                api.run(api.http.DELETE('/api/v1/labels/{id}', { params: { path: { id } } })),
            }}
            fields={[{ name: 'name', label: 'Name', placeholder: 'vip' }]}
            columns={(r) => [r.name]}
          />
        )}
      </main>
    </div>
  );
}
