ALTER TABLE `after_sales` ADD `lines` json;--> statement-breakpoint
ALTER TABLE `after_sales` ADD `points` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `checkouts` ADD `coupon_holds` json;--> statement-breakpoint
ALTER TABLE `checkouts` ADD `holds_points` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discounts` json;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `points` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `coupon_holds` json;--> statement-breakpoint
ALTER TABLE `orders` ADD `points` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `points_returned` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `settled_at` datetime(3);