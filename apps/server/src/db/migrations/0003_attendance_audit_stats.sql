CREATE TABLE "attendance_intervals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"livekit_sid" text NOT NULL,
	"identity" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp (3) with time zone NOT NULL,
	"left_at" timestamp (3) with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"session_id" uuid,
	"target_user_id" text,
	"target_identity" text,
	"target_name" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_samples" (
	"at" timestamp with time zone PRIMARY KEY NOT NULL,
	"seconds" integer NOT NULL,
	"live_sessions" integer,
	"connected_users" integer,
	"recordings_active" integer,
	"bytes_in_per_second" double precision,
	"bytes_out_per_second" double precision,
	"packet_loss_percent" double precision,
	"livekit_rooms" integer,
	"livekit_participants" integer,
	"joins" integer DEFAULT 0 NOT NULL,
	"join_buckets" integer[] NOT NULL,
	"http_4xx" integer DEFAULT 0 NOT NULL,
	"http_5xx" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance_intervals" ADD CONSTRAINT "attendance_intervals_session_id_live_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_intervals_connection_key" ON "attendance_intervals" USING btree ("session_id","livekit_sid");--> statement-breakpoint
CREATE INDEX "attendance_intervals_session_idx" ON "attendance_intervals" USING btree ("session_id","identity");--> statement-breakpoint
CREATE INDEX "audit_log_session_idx" ON "audit_log" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id");