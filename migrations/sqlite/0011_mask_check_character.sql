-- Masked identity numbers no longer show the check character (4501**********12**): with the
-- region prefix, the birth year on the page and the check character, only a few dozen full
-- numbers fit a mask, few enough to probe for.
UPDATE members SET id_masked = substr(id_masked, 1, 16) || '**'
WHERE id_masked IS NOT NULL AND length(id_masked) = 18;
