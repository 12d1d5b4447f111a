package io.llexthil.junit;

import io.llexthil.link.LinkUrl;

/**
 * Points a board that the link starts itself with a flash file ({@code sim:}) at another flash
 * file: its {@code flash=} parameter is replaced or added, every other parameter stays.
 */
final class FreshFlash {
    private FreshFlash() { }

    static boolean applies(String linkUrl) {
        if (linkUrl == null) {
            return false;
        }
        LinkUrl url = LinkUrl.parse(linkUrl);
        return url.capabilities().launchesBoard() && url.scheme().equals("sim");
    }

    static String withFlash(String simUrl, String flashPath) {
        return LinkUrl.parse(simUrl).with("flash", flashPath).text();
    }
}
