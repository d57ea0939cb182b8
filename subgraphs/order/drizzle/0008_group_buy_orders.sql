ALTER TABLE `checkouts` ADD `holds_seat` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `group_team_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `orders` ADD `group_state` enum('FORMING','SUCCEEDED','FAILED');--> statement-breakpoint
CREATE INDEX `orders_group_team_idx` ON `orders` (`group_team_id`);