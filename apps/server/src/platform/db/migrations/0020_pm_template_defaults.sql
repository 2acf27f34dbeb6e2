-- PM templates saved before work could need its equipment down or hold conflict groups get both
-- fields with their defaults, so every template reads as the contract describes it (and sending
-- one back unchanged is no change).
UPDATE "pm_plans"
   SET "template" = jsonb_build_object('requiresDowntime', false, 'conflictGroups', '[]'::jsonb) || "template"
 WHERE NOT ("template" ? 'requiresDowntime' AND "template" ? 'conflictGroups');
