DROP INDEX `flash_holds_status_idx` ON `flash_holds`;--> statement-breakpoint
ALTER TABLE `flash_entries` ADD `refunded_at_end` int;--> statement-breakpoint
CREATE INDEX `flash_holds_status_idx` ON `flash_holds` (`status`,`updated_at`);