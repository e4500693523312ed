package org.countersign.server;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server in this JVM (s3proxy over jclouds' in-memory "transient" store), on a free
 * loopback port. (The objectstore module's tests have the same helper.)
 */
final class LocalS3 implements AutoCloseable {
  static final String ACCESS_KEY = "countersign-test";
  static final String SECRET_KEY = "countersign-test-secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private LocalS3(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /** Starts a server; with {@code signed}, requests must carry SigV2/SigV4 with the test keys. */
  static LocalS3 start(boolean signed, String... buckets) throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    for (String b : buckets) {
      context.getBlobStore().createContainerInLocation(null, b);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                signed ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE,
                ACCESS_KEY,
                SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return new LocalS3(context, proxy);
  }

  /** The store behind the S3 API, to damage or inspect the bucket behind the server's back. */
  BlobStore blobStore() {
    return context.getBlobStore();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("s3proxy did not stop", e);
    } finally {
      context.close();
    }
  }
}
