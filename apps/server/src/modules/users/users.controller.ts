import { CreateUser, IdParam, UpdateUser, UserListQuery, type Paged, type User } from '@msched/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { UsersService } from './users.service';
import { CacheScope } from '../../platform/cache/cache-scope';

@CacheScope('reference')
@Controller('api/v1/users')
@Allow('users.manage')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query(zod(UserListQuery, 'query')) query: UserListQuery): Promise<Paged<User>> {
    return this.users.list(principal, query);
  }

  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreateUser)) body: CreateUser): Promise<User> {
    return this.users.create(principal, body);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: z.infer<typeof IdParam>): Promise<User> {
    return this.users.get(principal, params.id);
  }

  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: z.infer<typeof IdParam>,
    @Body(zod(UpdateUser)) body: UpdateUser,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<User> {
    return this.users.update(principal, params.id, body, expectedVersion);
  }
}
