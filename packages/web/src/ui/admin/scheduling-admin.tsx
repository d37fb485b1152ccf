// The scheduling bot's calendar for admins: upcoming appointments, the services and staff it books,
// and the .ics feed to subscribe to from a calendar app. Hours and reminders are set through
// PUT /api/v1/scheduling/settings (see the README).
import { type FormEvent, useEffect, useState } from 'react';
import type { ApiResult } from '../../lib/api-client.ts';
import { useApp } from '../../state/app-context.ts';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

interface Appointment {
  id: string;
  start: string;
  end: string;
  status: string;
  service: string;
  staff: string;
  contactName: string | null;
}

interface Settings {
  zone: string;
  services: { id: string; name: string; durationMin: number }[];
  staff: { id: string; name: string }[];
  icsPath: string;
}

export function SchedulingAdmin() {
  const appts = useResource<Appointment>('appointments', (api) =>
    api.run(api.http.GET('/api/v1/scheduling/appointments')),
  );
  const { api } = useApp();
  const [s, setSettings] = useState<Settings | null>(null);
  const [settingsProblem, setSettingsProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void api.run(api.http.GET('/api/v1/scheduling/settings')).then((r) => {
      if (!live) return;
      if (r.ok) setSettings(r.data);
      else setSettingsProblem(r.message);
    });
    return () => {
      live = false;
    };
  }, [api, tick]);
  const [service, setService] = useState({ name: '', durationMin: '30' });
  const [staff, setStaff] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: FormEvent, call: () => Promise<ApiResult<unknown>>, done: () => void) => {
    e.preventDefault();
    const res = await call();
    if (res.ok) {
      setError(null);
      done();
      setTick((n) => n + 1);
    } else setError(res.message);
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: s?.zone,
    });
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Scheduling</h1>
      {(appts.problem || settingsProblem) && (
        <p className="banner banner-warn">{appts.problem ?? settingsProblem}</p>
      )}
      {s?.icsPath && (
        <dl className="facts">
          <dt>Calendar feed (.ics)</dt>
          <dd className="mono copy">{`${location.origin}${s.icsPath}`}</dd>
          <dt>Time zone</dt>
          <dd>{s.zone}</dd>
        </dl>
      )}
      <h2>Upcoming appointments</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Customer</th>
            <th scope="col">Service</th>
            <th scope="col">Staff</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(appts.items ?? []).map((a) => (
            <tr key={a.id}>
              <td>{when(a.start)}</td>
              <td>{a.contactName ?? '—'}</td>
              <td>{a.service}</td>
              <td>{a.staff}</td>
              <td>{a.status}</td>
            </tr>
          ))}
          {appts.items?.length === 0 && (
            <tr>
              <td colSpan={5}>No appointments yet.</td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>Services</h2>
      <ul>
        {(s?.services ?? []).map((x) => (
          <li key={x.id}>
            {x.name} · {x.durationMin} min
          </li>
        ))}
      </ul>
      <form
        className="admin-form"
        onSubmit={(e) =>
          add(
            e,
            () =>
              api.run(
                api.http.POST('/api/v1/scheduling/services', {
                  body: { name: service.name, durationMin: Number(service.durationMin) },
                }),
              ),
            () => setService({ name: '', durationMin: '30' }),
          )
        }
      >
        <label>
          Service
          <input
            required
            value={service.name}
            onChange={(e) => setService({ ...service, name: e.target.value })}
          />
        </label>
        <label>
          Minutes
          <input
            type="number"
            min={5}
            required
            value={service.durationMin}
            onChange={(e) => setService({ ...service, durationMin: e.target.value })}
          />
        </label>
        <button type="submit" className="btn btn-primary">
          Add service
        </button>
      </form>
      <h2>Staff</h2>
      <ul>
        {(s?.staff ?? []).map((x) => (
          <li key={x.id}>{x.name}</li>
        ))}
      </ul>
      <form
        className="admin-form"
        onSubmit={(e) =>
          add(
            e,
            () => api.run(api.http.POST('/api/v1/scheduling/staff', { body: { name: staff } })),
            () => setStaff(''),
          )
        }
      >
        <label>
          Name
          <input required value={staff} onChange={(e) => setStaff(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">
          Add staff
        </button>
      </form>
      <FormError message={error} />
    </section>
  );
}
