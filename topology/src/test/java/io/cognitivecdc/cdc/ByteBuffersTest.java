package io.cognitivecdc.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteBuffersTest {

    @Test
    void shouldCopyTheRemainingBytesAndLeaveThePositionWhereItWas() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buffer.position(1);

        byte[] bytes = ByteBuffers.toByteArray(buffer);

        assertThat(bytes).containsExactly(2, 3, 4);
        assertThat(buffer.position()).isEqualTo(1);
        bytes[0] = 9;
        assertThat(buffer.get(1)).isEqualTo((byte) 2);
    }
}
