CREATE TABLE `parked_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`consumer` varchar(64) NOT NULL,
	`event_id` varchar(64) NOT NULL,
	`subject` varchar(200) NOT NULL,
	`payload` text NOT NULL,
	`error` varchar(1000) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `parked_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `parked_events_consumer_event_uq` UNIQUE(`consumer`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `welcome` boolean DEFAULT false NOT NULL;