import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreateSessionBody } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { ChoiceGroup, Form, TextField } from '../../lib/Form.js';
import { useAuth } from '../auth/auth-context.js';
import { InviteLink } from './InviteLink.js';
import { useCreateSession } from './use-create-session.js';

/** Every field of the create body, the form's state. */
type CreateSessionForm = Required<CreateSessionBody>;

const EMPTY: CreateSessionForm = {
  title: '',
  description: '',
  session_type: 'broadcast',
  is_public: true,
  is_recorded: false,
  waiting_room: false,
  max_participants: 0,
  scheduled_at: null,
  start_now: true,
};

/** `/live/create`: every field of a session; schedule it or go live now; then the invite link. */
export function CreateSessionPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form, setForm] = useState(EMPTY);
  const [when, setWhen] = useState('');
  const create = useCreateSession();

  if (user === undefined) return <p>{t('shell.loading')}</p>;
  if (!user || user.role === 'guest') {
    return (
      <section className="card narrow">
        <p>{t('shell.create.signInFirst')}</p>
        <Link to="/login?next=/live/create" className="button primary">
          {t('shell.nav.signIn')}
        </Link>
      </section>
    );
  }
  if (user.role !== 'admin' && user.role !== 'mentor') {
    return (
      <section className="card narrow" role="alert">
        {t('shell.create.forbidden')}
      </section>
    );
  }

  const created = create.data;
  if (created) {
    return (
      <section className="card narrow" data-testid="session-created">
        <h1>{t('shell.create.created')}</h1>
        {created.invite_link && <InviteLink link={created.invite_link} />}
        <Link
          to={`/live/${created.session_id}`}
          className="button primary"
          data-testid="open-created-session"
        >
          {t('shell.create.openRoom')}
        </Link>
      </section>
    );
  }

  const update = <K extends keyof CreateSessionForm>(key: K, value: CreateSessionForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  /** The props of the radio group that sets `key`. */
  const choice = <K extends 'session_type' | 'is_public' | 'start_now'>(key: K, name: string) => ({
    name,
    value: form[key],
    onChange: (value: CreateSessionForm[K]) => update(key, value),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const scheduled = !form.start_now && when ? new Date(when).toISOString() : null;
    create.mutate({ ...form, scheduled_at: scheduled });
  };
  const error =
    create.error &&
    (create.error instanceof ApiError && create.error.code === 'VALIDATION_FAILED'
      ? t('shell.create.errors.invalid', { message: create.error.message })
      : t('shell.create.errors.generic'));

  return (
    <section className="card">
      <h1>{t('shell.create.title')}</h1>
      <Form
        onSubmit={onSubmit}
        busy={create.isPending}
        error={error ?? undefined}
        submitLabel={t('shell.create.submit')}
        submitTestId="create-submit"
      >
        <TextField
          label={t('shell.create.fieldTitle')}
          required
          maxLength={200}
          value={form.title}
          onChange={(e) => update('title', e.target.value)}
          data-testid="create-title"
        />
        <label>
          {t('shell.create.fieldDescription')}
          <textarea
            maxLength={5000}
            rows={3}
            value={form.description}
            onChange={(e) => update('description', e.target.value)}
          />
        </label>
        <ChoiceGroup
          legend={t('shell.create.fieldType')}
          {...choice('session_type', 'session_type')}
          choices={[
            {
              value: 'broadcast',
              label: t('shell.create.typeBroadcast'),
              testId: 'create-type-broadcast',
            },
            {
              value: 'meeting',
              label: t('shell.create.typeMeeting'),
              testId: 'create-type-meeting',
            },
          ]}
        />
        <ChoiceGroup
          legend={t('shell.create.fieldVisibility')}
          {...choice('is_public', 'visibility')}
          choices={[
            { value: true, label: t('shell.create.public') },
            { value: false, label: t('shell.create.private'), testId: 'create-private' },
          ]}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={form.is_recorded}
            onChange={(e) => update('is_recorded', e.target.checked)}
          />
          {t('shell.create.recorded')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={form.waiting_room}
            onChange={(e) => update('waiting_room', e.target.checked)}
            data-testid="create-waiting-room"
          />
          {t('lobby.create.label')}
        </label>
        <TextField
          label={t('shell.create.maxParticipants')}
          type="number"
          min={0}
          max={100000}
          value={form.max_participants}
          onChange={(e) => update('max_participants', Math.max(0, Number(e.target.value) || 0))}
        />
        <ChoiceGroup
          legend={t('shell.create.when')}
          {...choice('start_now', 'when')}
          choices={[
            { value: true, label: t('shell.create.now'), testId: 'create-now' },
            { value: false, label: t('shell.create.schedule'), testId: 'create-schedule' },
          ]}
        >
          {!form.start_now && (
            <TextField
              label={t('shell.create.scheduledAt')}
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              data-testid="create-when"
            />
          )}
        </ChoiceGroup>
      </Form>
    </section>
  );
}
