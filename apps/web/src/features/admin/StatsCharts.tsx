import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminStats, StatsRange } from '@stagecast/contracts';
import { statsRangeSchema } from '@stagecast/contracts';
import { TimeChart } from '../../lib/TimeChart.js';
import { formatBitRate, formatNumber, formatStep } from './format.js';
import { STATS_CHARTS, chartColumns, hasValues, peakOf } from './stats-charts.js';
import type { StatsChart } from './stats-charts.js';

/** How a chart's axis writes a value, per unit, in the reader's language. */
function valueFormat(unit: StatsChart['unit'], language: string) {
  switch (unit) {
    case 'bitRate':
      return (v: number) => formatBitRate(v, language);
    case 'ms':
      return (v: number) =>
        new Intl.NumberFormat(language, { style: 'unit', unit: 'millisecond' }).format(v);
    case 'percent':
      return (v: number) =>
        new Intl.NumberFormat(language, {
          style: 'unit',
          unit: 'percent',
          maximumFractionDigits: 1,
        }).format(v);
    case 'perMinute':
      return (v: number) => formatNumber(v, language, 1);
    default:
      return undefined;
  }
}

/**
 * The samples of the last hour, day or week, one uPlot chart per subject (people and sessions,
 * bandwidth, joins and errors, join time, loss), two columns wide on a desktop, one on a phone.
 */
export function StatsCharts(props: {
  stats: AdminStats;
  range: StatsRange;
  onRange: (range: StatsRange) => void;
}) {
  const { t, i18n } = useTranslation();
  const { stats, range } = props;
  const noTraffic = stats.bandwidth_source === 'none';
  return (
    <section className="card admin-card" aria-labelledby="admin-history-title">
      <div className="admin-card-head">
        <h2 id="admin-history-title">{t('admin.charts.title')}</h2>
        <div className="admin-range" role="group" aria-label={t('admin.charts.range')}>
          {statsRangeSchema.options.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              data-testid={`admin-range-${r}`}
              onClick={() => props.onRange(r)}
            >
              {t(`admin.charts.ranges.${r}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="admin-subtitle">
        {t('admin.charts.step', { step: formatStep(stats.series.step_seconds, i18n.language) })}
      </p>
      {noTraffic && <p className="admin-subtitle">{t('admin.charts.noBandwidth')}</p>}
      <div className="admin-charts">
        {STATS_CHARTS.filter((chart) => !(chart.needsTraffic && noTraffic)).map((chart) => (
          <StatsChartCard key={chart.id} chart={chart} series={stats.series} />
        ))}
      </div>
    </section>
  );
}

function StatsChartCard({ chart, series }: { chart: StatsChart; series: AdminStats['series'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const lines = useMemo(
    () => chart.lines.map((line) => ({ ...line, label: t(`admin.charts.${line.label}`) })),
    [chart, t],
  );
  const data = useMemo(() => chartColumns(series, chart), [series, chart]);
  const format = useMemo(() => valueFormat(chart.unit, language), [chart.unit, language]);
  const label =
    chart.id === 'people'
      ? t('admin.charts.peopleLabel', { count: peakOf(series.connected_users) })
      : t(`admin.charts.${chart.id}Label`);
  return (
    <figure className="admin-chart" data-testid={`admin-chart-${chart.id}`}>
      <figcaption>
        <span className="admin-chart-title">{t(`admin.charts.${chart.id}`)}</span>
        {lines.length > 1 && (
          <span className="admin-legend">
            {lines.map((line) => (
              <span key={line.key} className="admin-legend-item">
                <span className="admin-swatch" style={{ background: line.color }} />
                {line.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {hasValues(series, chart) ? (
        <TimeChart
          data={data}
          series={lines}
          label={label}
          scale={chart.scale}
          formatValue={format}
          height={180}
        />
      ) : (
        <p className="empty admin-chart-empty">{t('admin.charts.empty')}</p>
      )}
    </figure>
  );
}
