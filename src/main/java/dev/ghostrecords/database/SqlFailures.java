package dev.ghostrecords.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Why a statement failed, told apart by PostgreSQL's SQLState: the database away, or the statement refused. */
public final class SqlFailures {

    private SqlFailures() {
    }

    /** Whether the database, not the request, is why this failed: worth another try later. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's own words for a failure (Jdbi's messages add the statement text). */
    public static String sqlMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** Connection lost, server shutting down, deadlock, out of resources: worth another try later. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException || state == null
                || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.equals("55P03");
    }
}
