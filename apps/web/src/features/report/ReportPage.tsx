import './report.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { attendanceCsvUrl } from '../../api/endpoints.js';
import { attendanceQuery } from '../../api/queries.js';
import { pageErrorKind } from '../../lib/page-error.js';
import { formatClock } from '../plaza/format-time.js';
import { AttendeeTable } from './AttendeeTable.js';
import { ClassroomSummary } from './ClassroomSummary.js';
import { chartData } from './chart-data.js';
import { TimelineChart } from './TimelineChart.js';

/** While the session is live the report grows: look again this often. */
const LIVE_REFRESH_MS = 10_000;

/**
 * `/live/{id}/report`: who attended a session (hosts, co-hosts and admins): its times and peak,
 * people present over time, a table of attendees and the CSV download; its polls and questions.
 */
export function ReportPage({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    ...attendanceQuery(sessionId),
    refetchInterval: (q) => (q.state.data?.session.status === 'live' ? LIVE_REFRESH_MS : false),
  });
  const report = query.data;
  const data = useMemo(() => (report ? chartData(report, Date.now()) : undefined), [report]);

  if (query.isError) {
    return (
      <section className="card narrow" role="alert" data-testid="report-error">
        <p>{t(`shell.report.${pageErrorKind(query.error)}`)}</p>
        <Link to={`/live/${sessionId}`}>{t('shell.report.backToRoom')}</Link>
      </section>
    );
  }
  if (!report || !data) return <p role="status">{t('shell.loading')}</p>;

  const { session, peak, attendees } = report;
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const clock = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const live = session.status === 'live';
  return (
    <section className="report" data-testid="report-page">
      <h1>{t('shell.report.title', { title: session.title })}</h1>
      <p className="page-links">
        <Link to={`/live/${sessionId}`}>{t('shell.report.backToRoom')}</Link>
        <Link to={`/live/${sessionId}/recordings`}>{t('shell.recordings.link')}</Link>
        <a href={attendanceCsvUrl(sessionId)} download className="button" data-testid="report-csv">
          {t('shell.report.download')}
        </a>
      </p>
      <ul className="report-facts">
        <li>
          {session.started_at
            ? t('shell.report.started', { time: when(session.started_at) })
            : t('shell.report.notStarted')}
        </li>
        {session.ended_at && <li>{t('shell.report.ended', { time: when(session.ended_at) })}</li>}
        {session.started_at && session.ended_at && (
          <li>
            {t('shell.report.duration', {
              time: formatClock(Date.parse(session.ended_at) - Date.parse(session.started_at)),
            })}
          </li>
        )}
        <li data-testid="report-peak">
          {peak.at
            ? t('shell.report.peak', { count: peak.count, time: clock(peak.at) })
            : t('shell.report.none')}
        </li>
        <li>{t('shell.report.people', { count: attendees.length })}</li>
      </ul>
      {live && <p className="report-live">{t('shell.report.live')}</p>}

      <section className="card report-card">
        <h2>{t('shell.report.chartTitle')}</h2>
        {data[0].length > 0 ? (
          <TimelineChart
            data={data}
            seriesLabel={t('shell.report.chartTitle')}
            label={t('shell.report.chartLabel', { count: peak.count })}
          />
        ) : (
          <p className="empty">{t('shell.report.none')}</p>
        )}
      </section>

      <section className="card report-card">
        <h2>{t('shell.report.peopleTitle')}</h2>
        {attendees.length > 0 ? (
          <AttendeeTable attendees={attendees} />
        ) : (
          <p className="empty">{t('shell.report.none')}</p>
        )}
        <p className="report-note">
          {t('shell.report.mergeNote', { seconds: report.merge_window_seconds })}
        </p>
      </section>
      <ClassroomSummary report={report} />
    </section>
  );
}
