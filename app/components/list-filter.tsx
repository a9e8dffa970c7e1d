import { Link } from "./ui";

/**
 * The status filter above a kind's list: links to the same list with `?status=`, the current one
 * marked (styled by discussions.css: the route links it).
 */
export function ListFilter({ label, path, current, options }: { label: string; path: string; current: string | null; options: Array<{ value: string | null; label: string }> }) {
  return (
    <nav aria-label={label} className="inspraak-discussions-sort">
      <span>{label}:</span>
      <ul>
        {options.map((f) => (
          <li key={f.label}>
            <Link to={f.value ? `?status=${f.value}` : path} aria-current={current === f.value ? "true" : undefined}>
              {f.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
