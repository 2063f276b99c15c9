// Replace the expired default password of a new local server (run on the system database).
ALTER CURRENT USER SET PASSWORD FROM $old TO $new
