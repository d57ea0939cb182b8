ALTER TABLE `coupon_templates` ADD `after_order` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `after_order_min` bigint DEFAULT 0 NOT NULL;