ALTER TABLE `checkouts` ADD `owner_token` char(36);--> statement-breakpoint
ALTER TABLE `checkouts` ADD `lease_until` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL;--> statement-breakpoint
ALTER TABLE `checkouts` ADD `stock_released` boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `checkouts_lease_idx` ON `checkouts` (`status`,`lease_until`);--> statement-breakpoint
-- Checkouts failed for a retryable reason (an interruption) are not an answer: free their keys (the old sweeper had released their stock).
DELETE FROM `checkouts` WHERE `status` = 'FAILED' AND `error_code` IN ('SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR');
--> statement-breakpoint
-- Refusals recorded before now released their stock as they failed.
UPDATE `checkouts` SET `stock_released` = TRUE WHERE `status` = 'FAILED';
--> statement-breakpoint
-- Checkouts in flight while replicas are upgraded belong to processes that do not renew leases: give them five minutes before anyone may take them over.
UPDATE `checkouts` SET `lease_until` = DATE_ADD(CURRENT_TIMESTAMP(3), INTERVAL 5 MINUTE) WHERE `status` = 'PROCESSING';
