// A set of checkboxes choosing members (agents or teams) by id: used by the invite form and by the
// Channels and Teams settings, which all pick from the tenant's directory.
export function MemberChecks({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: { id: string; name: string }[];
  chosen: readonly string[];
  onChange(ids: string[]): void;
}) {
  return (
    <fieldset className="member-checks">
      <legend>{legend}</legend>
      {options.length === 0 && <span className="muted small">None yet.</span>}
      {options.map((o) => (
        <label key={o.id} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(o.id)}
            onChange={() =>
              onChange(chosen.includes(o.id) ? chosen.filter((x) => x !== o.id) : [...chosen, o.id])
            }
          />
          {o.name}
        </label>
      ))}
    </fieldset>
  );
}
