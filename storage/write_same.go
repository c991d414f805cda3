package storage

import "database/sql"

// sameChildren reports which of article id's stored child rows (topics,
// images) already are what ix derives. Reading them is cheaper
// than deleting and inserting them again with their indexes, and a git
// pull mostly changes a few fields of each file (BenchmarkSyncPull5000).
func (tx *Tx) sameChildren(id int64, ix *indexed) (topics, images bool, err error) {
	if topics, err = tx.sameTopics(id, ix.topicRows); err != nil {
		return false, false, err
	}
	images, err = tx.sameImages(id, ix.images)
	return topics, images, err
}

// sameRows scans article id's rows of query (ordered by position) with
// scan, which reports whether row i matches what is wanted; n is how many
// rows are wanted.
func (tx *Tx) sameRows(query string, id int64, n int, scan func(rows *sql.Rows, i int) (bool, error)) (bool, error) {
	rows, err := tx.query(query, id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		if i >= n {
			return false, nil
		}
		same, err := scan(rows, i)
		if err != nil || !same {
			return false, err
		}
	}
	return i == n, rows.Err()
}

func (tx *Tx) sameTopics(id int64, want []topicRow) (bool, error) {
	return tx.sameRows(`SELECT position, name FROM article_topic WHERE article_id = ? ORDER BY position`, id, len(want),
		func(rows *sql.Rows, i int) (bool, error) {
			var t topicRow
			err := rows.Scan(&t.position, &t.name)
			return t == want[i], err
		})
}

func (tx *Tx) sameImages(id int64, want []imageRow) (bool, error) {
	return tx.sameRows(`SELECT position, url, width, height, source FROM article_image WHERE article_id = ? ORDER BY position`,
		id, len(want), func(rows *sql.Rows, i int) (bool, error) {
			var im imageRow
			var pos int
			err := rows.Scan(&pos, &im.url, &im.width, &im.height, &im.source)
			return pos == i && im == want[i], err
		})
}
