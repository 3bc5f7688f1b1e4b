package io.wxlogin.bench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  @Test
  void workersNeverShareAnAddressAndConsecutiveBrowsersUseOtherSubnets() {
    Set<String> seen = new HashSet<>();
    Set<String> subnets = new HashSet<>();
    for (int w = 0; w < 3; w++) {
      ClientAddresses a = new ClientAddresses(w, 3);
      for (int i = 0; i < 50_000; i++) {
        String ip = a.next();
        seen.add(ip);
        subnets.add(ip.substring(0, ip.lastIndexOf('.')));
      }
    }
    assertEquals(150_000, seen.size());
    // 150,000 browsers over 65,536 /24 subnets: none has more than three, far below 120 a minute
    assertEquals(65_536, subnets.size());
  }
}
