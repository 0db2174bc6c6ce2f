package io.firstparty.kit.problem;

import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void aClientThatHangsUpMidBodyIsItsOwnProblemNotTheServicesFailure() {
        // As the HTTP layer reports it: the hang-up inside the reader's exception inside the body's.
        IOException hangUp = new IOException(new IOException(new HttpClosedException("Connection was closed")));

        Response response = mapper.unreadableBody(hangUp, null);

        assertEquals(400, response.getStatus());
        assertEquals("/", ((Problem) response.getEntity()).violations().get(0).field());
    }

    @Test
    void anyOtherInputFailureStaysAnErrorWithAnId() {
        Response response = mapper.unreadableBody(new IOException("disk full"), null);

        assertEquals(500, response.getStatus());
        assertEquals(36, ((Problem) response.getEntity()).errorId().length());
    }
}
