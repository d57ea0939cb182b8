ALTER TABLE `checkouts` ADD `holds_points` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `points` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `points` int DEFAULT 0 NOT NULL;