CREATE TABLE "recordings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"status" text DEFAULT 'starting' NOT NULL,
	"backend" text NOT NULL,
	"started_by" text NOT NULL,
	"node" text,
	"egress_id" text,
	"storage" text DEFAULT 'file' NOT NULL,
	"location" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"duration_ms" integer,
	"size_bytes" bigint,
	"error" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recordings_status_check" CHECK ("recordings"."status" in ('starting', 'active', 'ending', 'complete', 'failed')),
	CONSTRAINT "recordings_backend_check" CHECK ("recordings"."backend" in ('builtin', 'egress')),
	CONSTRAINT "recordings_storage_check" CHECK ("recordings"."storage" in ('file', 's3'))
);
--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_session_id_live_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recordings_session_idx" ON "recordings" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_one_in_progress_key" ON "recordings" USING btree ("session_id") WHERE "recordings"."status" in ('starting', 'active', 'ending');--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_egress_key" ON "recordings" USING btree ("egress_id");