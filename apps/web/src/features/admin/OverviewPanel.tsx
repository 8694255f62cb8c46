import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsRange } from '@stagecast/contracts';
import { adminStatsQuery } from '../../api/queries.js';
import { LiveSessionsTable } from './LiveSessionsTable.js';
import { NowCards } from './NowCards.js';
import { StatsCharts } from './StatsCharts.js';

/** The first tab: the platform now (cards), its history (charts) and the live sessions. */
export function OverviewPanel() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<StatsRange>('1h');
  const stats = useQuery(adminStatsQuery(range));
  const data = stats.data;
  return (
    <>
      <section className="card admin-card" aria-labelledby="admin-now-title">
        <div className="admin-card-head">
          <h2 id="admin-now-title">{t('admin.now.title')}</h2>
          {data && (
            <span className="admin-subtitle" data-testid="admin-updated">
              {t('admin.now.updated', {
                time: new Date(data.now.at).toLocaleTimeString(i18n.language),
              })}
            </span>
          )}
        </div>
        {stats.isError && (
          <p className="error" role="alert">
            {t('admin.now.loadFailed')}
          </p>
        )}
        {data ? <NowCards now={data.now} /> : !stats.isError && <p>{t('shell.loading')}</p>}
      </section>
      {data && <StatsCharts stats={data} range={range} onRange={setRange} />}
      <LiveSessionsTable />
    </>
  );
}
