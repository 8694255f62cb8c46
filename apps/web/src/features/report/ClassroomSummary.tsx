import type { AttendanceReport } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';

/** The report's polls (with their counts) and questions (with upvotes), issue 15. */
export function ClassroomSummary({ report }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card report-card" data-testid="report-polls">
        <h2>{t('classroom.report.pollsTitle')}</h2>
        {report.polls.length === 0 && <p className="empty">{t('classroom.report.none')}</p>}
        {report.polls.map((poll, index) => (
          <div key={index} className="report-poll">
            <h3>
              {poll.question}{' '}
              <small>
                ({t(`classroom.polls.status.${poll.status}`)},{' '}
                {t('classroom.report.votes', { count: poll.total_votes })})
              </small>
            </h3>
            <ul>
              {poll.options.map((option, i) => (
                <li key={i}>
                  {option.text}: {t('classroom.report.votes', { count: option.votes })}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="card report-card" data-testid="report-questions">
        <h2>{t('classroom.report.questionsTitle')}</h2>
        {report.questions.length === 0 && <p className="empty">{t('classroom.report.none')}</p>}
        <ol className="report-questions">
          {report.questions.map((q, index) => (
            <li key={index}>
              {q.text} <small>— {q.author}</small>{' '}
              <small>
                ({t('classroom.report.upvotes', { count: q.upvotes })}
                {q.answered && `, ${t('classroom.report.answered')}`}
                {q.hidden && `, ${t('classroom.report.hidden')}`})
              </small>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
