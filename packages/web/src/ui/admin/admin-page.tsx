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
            path="/api/v1/canned-responses"
            listKey="cannedResponses"
            fields={[
              { name: 'shortcode', label: 'Shortcode', placeholder: 'greeting' },
              { name: 'body', label: 'Text', placeholder: 'Hello! How can we help?', long: true },
            ]}
            columns={(r) => [`/${String(r['shortcode'] ?? '')}`, String(r['body'] ?? '')]}
          />
        )}
        {section === 'labels' && (
          <SimpleListAdmin
            title="Labels"
            path="/api/v1/labels"
            listKey="labels"
            fields={[{ name: 'name', label: 'Name', placeholder: 'vip' }]}
            columns={(r) => [String(r['name'] ?? '')]}
          />
        )}
      </main>
    </div>
  );
}
