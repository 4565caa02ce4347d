package verticles;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The URLs the gateway answers on, for the start-up line: the configured host, or, for a wildcard
 * host ({@code 0.0.0.0}, {@code ::}), every address of this machine's interfaces that are up, so an
 * operator sees at once whether the server is reachable from other machines.
 */
final class ListenAddresses {
  private ListenAddresses() {
  }

  static List<String> urls(String host, int port) {
    List<String> urls = new ArrayList<>();
    for (String address : addresses(host)) {
      urls.add("http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
    }
    return urls;
  }

  private static List<String> addresses(String host) {
    boolean any4 = host.isEmpty() || host.equals("0.0.0.0");
    boolean any6 = host.equals("::") || host.equals("[::]") || host.equals("::0");
    if (!any4 && !any6) {
      return List.of(host);
    }
    List<String> found = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address || (any6 && address instanceof Inet6Address && !address.isLinkLocalAddress())) {
            found.add(address.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      return List.of(host + " (all interfaces)");
    }
    return found.isEmpty() ? List.of(host + " (all interfaces)") : found;
  }
}
