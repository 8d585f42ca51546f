-- The Customers page reads each row's organisation (name, primary domain, country) from this
-- index alone, an index-only scan, instead of the key and then the table: 376 instead of 426
-- buffer reads for a page of 50, and 4–8 % more pages per second at 100,000 customers.
-- Not built CONCURRENTLY: that waits for every older transaction, among them an instance
-- starting beside this one and waiting for the migrations' advisory lock, which this one holds,
-- so the two would deadlock. Organisations take no writes while it is built: 89 ms at 100,000.
CREATE UNIQUE INDEX organizations_page ON organizations (id) INCLUDE (name, primary_domain, country);
