import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreateSessionBody } from "@stagecast/contracts";
import { useFormSubmit } from "../../lib/use-form-submit.js";
import { ApiError } from "../../api/client.js";
import { sessionsApi } from "../../api/endpoints.js";
import { Link } from "../../app/router.js";
import { useAuth } from "../auth/auth-context.js";
import { InviteLink } from "./InviteLink.js";

/** Every field of the create body, the form's state. */
type CreateSessionForm = Required<CreateSessionBody>;

const EMPTY: CreateSessionForm = {
  title: "",
  description: "",
  session_type: "broadcast",
  is_public: true,
  is_recorded: false,
  max_participants: 0,
  scheduled_at: null,
  start_now: true,
};

/** `/live/create`: every field of a session; schedule it or go live now; then the invite link. */
export function CreateSessionPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form, setForm] = useState(EMPTY);
  const [when, setWhen] = useState("");
  const [created, setCreated] = useState<{
    session_id: string;
    invite_link: string | null;
  }>();
  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      const scheduled =
        !form.start_now && when ? new Date(when).toISOString() : null;
      setCreated(
        await sessionsApi.create({ ...form, scheduled_at: scheduled }),
      );
    },
    (err) =>
      err instanceof ApiError && err.code === "VALIDATION_FAILED"
        ? t("shell.create.errors.invalid", { message: err.message })
        : t("shell.create.errors.generic"),
  );

  if (user === undefined) return <p>{t("shell.loading")}</p>;
  if (!user || user.role === "guest") {
    return (
      <section className="card narrow">
        <p>{t("shell.create.signInFirst")}</p>
        <Link href="/login?next=/live/create" className="button primary">
          {t("shell.nav.signIn")}
        </Link>
      </section>
    );
  }
  if (user.role !== "admin" && user.role !== "mentor") {
    return (
      <section className="card narrow" role="alert">
        {t("shell.create.forbidden")}
      </section>
    );
  }

  const update = <K extends keyof CreateSessionForm>(
    key: K,
    value: CreateSessionForm[K],
  ) => setForm((f) => ({ ...f, [key]: value }));

  if (created) {
    return (
      <section className="card narrow" data-testid="session-created">
        <h1>{t("shell.create.created")}</h1>
        {created.invite_link && <InviteLink link={created.invite_link} />}
        <Link
          href={`/live/${created.session_id}`}
          className="button primary"
          data-testid="open-created-session"
        >
          {t("shell.create.openRoom")}
        </Link>
      </section>
    );
  }

  return (
    <section className="card">
      <h1>{t("shell.create.title")}</h1>
      <form className="form" onSubmit={onSubmit}>
        <label>
          {t("shell.create.fieldTitle")}
          <input
            required
            maxLength={200}
            value={form.title}
            onChange={(e) => update("title", e.target.value)}
            data-testid="create-title"
          />
        </label>
        <label>
          {t("shell.create.fieldDescription")}
          <textarea
            maxLength={5000}
            rows={3}
            value={form.description}
            onChange={(e) => update("description", e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t("shell.create.fieldType")}</legend>
          {(["broadcast", "meeting"] as const).map((type) => (
            <label key={type} className="choice">
              <input
                type="radio"
                name="session_type"
                checked={form.session_type === type}
                onChange={() => update("session_type", type)}
                data-testid={`create-type-${type}`}
              />
              {t(
                type === "broadcast"
                  ? "shell.create.typeBroadcast"
                  : "shell.create.typeMeeting",
              )}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("shell.create.fieldVisibility")}</legend>
          <label className="choice">
            <input
              type="radio"
              name="visibility"
              checked={form.is_public}
              onChange={() => update("is_public", true)}
            />
            {t("shell.create.public")}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="visibility"
              checked={!form.is_public}
              onChange={() => update("is_public", false)}
              data-testid="create-private"
            />
            {t("shell.create.private")}
          </label>
        </fieldset>
        <label className="choice">
          <input
            type="checkbox"
            checked={form.is_recorded}
            onChange={(e) => update("is_recorded", e.target.checked)}
          />
          {t("shell.create.recorded")}
        </label>
        <label>
          {t("shell.create.maxParticipants")}
          <input
            type="number"
            min={0}
            max={100000}
            value={form.max_participants}
            onChange={(e) =>
              update(
                "max_participants",
                Math.max(0, Number(e.target.value) || 0),
              )
            }
          />
        </label>
        <fieldset>
          <legend>{t("shell.create.when")}</legend>
          <label className="choice">
            <input
              type="radio"
              name="when"
              checked={form.start_now}
              onChange={() => update("start_now", true)}
              data-testid="create-now"
            />
            {t("shell.create.now")}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="when"
              checked={!form.start_now}
              onChange={() => update("start_now", false)}
              data-testid="create-schedule"
            />
            {t("shell.create.schedule")}
          </label>
          {!form.start_now && (
            <label>
              {t("shell.create.scheduledAt")}
              <input
                type="datetime-local"
                required
                value={when}
                onChange={(e) => setWhen(e.target.value)}
                data-testid="create-when"
              />
            </label>
          )}
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy}
          data-testid="create-submit"
        >
          {t("shell.create.submit")}
        </button>
      </form>
    </section>
  );
}
