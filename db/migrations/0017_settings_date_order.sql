ALTER TABLE "organisation_settings" ADD COLUMN "date_order" text DEFAULT 'mdy' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_date_order" CHECK ("date_order" in ('mdy', 'dmy', 'ymd'));
