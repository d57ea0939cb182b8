ALTER TABLE `checkouts` ADD `holds_activities` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `activity_hold` boolean DEFAULT false NOT NULL;