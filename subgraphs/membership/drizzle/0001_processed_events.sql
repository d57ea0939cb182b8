CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
