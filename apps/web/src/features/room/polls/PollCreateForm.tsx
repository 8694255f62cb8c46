import { Plus, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import {
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  type CreatePollBody,
} from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { RoomError } from '../RoomError.js';
import { useBusyAction } from '../useBusyAction.js';

/** Whether the form holds a poll the API takes: a question and 2–6 distinct options. */
export function pollDraftValid(question: string, options: readonly string[]): boolean {
  const texts = options.map((o) => o.trim().toLowerCase());
  return (
    question.trim() !== '' &&
    texts.length >= POLL_MIN_OPTIONS &&
    texts.every((o) => o !== '') &&
    new Set(texts).size === texts.length
  );
}

/** A host's form for a new poll: the question, 2 to 6 options, open at once or keep a draft. */
export function PollCreateForm({ create }: { create: (body: CreatePollBody) => Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [openNow, setOpenNow] = useState(true);
  const {
    busy,
    failed: problem,
    setFailed: setProblem,
    run,
  } = useBusyAction<'invalid' | 'failed'>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pollDraftValid(question, options)) return setProblem('invalid');
    await run('failed', async () => {
      await create({
        question: question.trim(),
        options: options.map((o) => o.trim()),
        open: openNow,
      });
      setQuestion('');
      setOptions(['', '']);
    });
  };
  const setOption = (index: number, text: string) =>
    setOptions((all) => all.map((o, i) => (i === index ? text : o)));

  return (
    <form
      className="poll-create"
      onSubmit={(event) => void submit(event)}
      data-testid="poll-create"
    >
      <fieldset>
        <legend>{t('classroom.polls.create.heading')}</legend>
        <label htmlFor={`${id}-q`}>{t('classroom.polls.create.question')}</label>
        <input
          id={`${id}-q`}
          type="text"
          maxLength={POLL_QUESTION_MAX_LENGTH}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          data-testid="poll-question-input"
        />
        {options.map((option, index) => (
          <div className="poll-create-option" key={index}>
            <input
              type="text"
              aria-label={t('classroom.polls.create.option', { n: index + 1 })}
              placeholder={t('classroom.polls.create.option', { n: index + 1 })}
              maxLength={POLL_OPTION_MAX_LENGTH}
              value={option}
              onChange={(event) => setOption(index, event.target.value)}
              data-testid={`poll-option-input-${index}`}
            />
            {options.length > POLL_MIN_OPTIONS && (
              <button
                type="button"
                className="icon-button"
                aria-label={t('classroom.polls.create.removeOption', { n: index + 1 })}
                onClick={() => setOptions((all) => all.filter((_, i) => i !== index))}
              >
                <X aria-hidden="true" size={16} />
              </button>
            )}
          </div>
        ))}
        {options.length < POLL_MAX_OPTIONS && (
          <button
            type="button"
            onClick={() => setOptions((all) => [...all, ''])}
            data-testid="poll-add-option"
          >
            <Plus aria-hidden="true" size={16} />
            {t('classroom.polls.create.addOption')}
          </button>
        )}
        <label className="poll-create-open">
          <input
            type="checkbox"
            checked={openNow}
            onChange={(event) => setOpenNow(event.target.checked)}
          />
          {t('classroom.polls.create.openNow')}
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="poll-create-submit">
          {t('classroom.polls.create.submit')}
        </button>
        {problem && (
          <RoomError>
            {t(
              problem === 'invalid'
                ? 'classroom.polls.create.invalid'
                : 'classroom.polls.actionFailed',
            )}
          </RoomError>
        )}
      </fieldset>
    </form>
  );
}
