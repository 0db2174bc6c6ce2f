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
        Response response = mapper.unreadableBody(new IOException(new HttpClosedException("Connection was closed")), null);

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
