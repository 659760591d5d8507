import { ShutdownStack } from '../src';

describe('ShutdownStack', () => {
  it('closes resources newest first and keeps going past one that fails', async () => {
    const order: string[] = [];
    const stack = new ShutdownStack();
    stack.push(() => order.push('db'));
    stack.push(() => Promise.reject(new Error('stuck')));
    stack.push(async () => order.push('server'));
    await stack.closeAll();
    expect(order).toEqual(['server', 'db']);
  });

  it('closes each resource once even when closeAll runs twice', async () => {
    let closed = 0;
    const stack = new ShutdownStack();
    stack.push(() => closed++);
    await stack.closeAll();
    await stack.closeAll();
    expect(closed).toBe(1);
  });
});
