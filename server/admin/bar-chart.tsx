import type { FC } from 'hono/jsx';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A bar chart in HTML: one row per bar, its label in full (wrapped, never cut), the bar as wide as
 * its share of the largest, and the number in words beside it. It reflows to any width (320 CSS
 * px and up) without scaling its text, and a screen reader reads it as a list of labels and
 * numbers; the tables below hold the same numbers.
 */
export const BarChart: FC<{ id: string; title: string; bars: Bar[] }> = ({ id, title, bars }) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ul>
        {bars.map((b) => (
          <li>
            <span class="chart-label">{b.label}</span>
            <span class="chart-track" aria-hidden="true">
              <span class="chart-bar" style={`width:${(b.value / max) * 100}%`} />
            </span>
            <span class="chart-value">{b.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
};
